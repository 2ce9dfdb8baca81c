# The production image: one image for the web (gunicorn), the Celery worker and Celery beat.
# docker-compose.yml runs it; the README says how.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=kofst.settings

# gettext: compiles the Korean translations; fonts-nanum: Hangul in PDF certificates;
# pango: WeasyPrint's text layout. (The same list as scripts/system-packages.sh.)
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext fonts-nanum fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 app \
    && mkdir -p /app /data/media /data/private \
    && chown -R app:app /app /data

WORKDIR /app
COPY --chown=app:app pyproject.toml README.md ./
RUN pip install .
COPY --chown=app:app . .

USER app
# Translations and static files are built into the image; migrations run once per deploy
# (the "migrate" service of docker-compose.yml), never in every web process.
RUN python manage.py compilemessages -v 0 \
    && DEBUG=false SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v 0

EXPOSE 8000
CMD ["gunicorn", "kofst.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
