"""Signing a browser in for the Playwright tests."""

from django.conf import settings


def sign_in(page, client, live_server, user, warm_up: str) -> None:
    """Sign in by handing the browser a session made by the test client (the sign-in form
    itself has its own test). ``warm_up`` is requested first, so that every URL module is
    imported now and not within the browser's timeout."""
    client.force_login(user)
    client.get(warm_up)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
