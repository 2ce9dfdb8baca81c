import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_reports_database_and_redis_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["checks"]["database"] == {"ok": True, "detail": "postgresql"}
    assert body["checks"]["redis"] == {"ok": True, "detail": "ping"}


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_unreachable(client):
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["checks"]["redis"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_healthz_reports_a_running_worker(client, settings, celery_worker_process):
    settings.CELERY_WORKER_EXPECTED = True

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["checks"]["worker"] == {"ok": True, "detail": "1 worker(s)"}


def test_healthz_is_503_when_the_expected_worker_is_down(client, settings, celery_worker_process):
    settings.CELERY_WORKER_EXPECTED = True
    celery_worker_process.stop()

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["checks"]["worker"] == {"ok": False, "detail": "0 worker(s)"}
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_healthz_leaves_out_the_worker_when_none_is_expected(client, settings):
    settings.CELERY_WORKER_EXPECTED = False

    body = client.get("/healthz").json()

    assert set(body["checks"]) == {"database", "redis"}
