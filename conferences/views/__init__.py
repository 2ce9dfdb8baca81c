"""Views: adapters from requests to selectors and services (public, member, staff)."""
