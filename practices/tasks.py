"""The practices' tasks on the Celery queue (``gfmd_platform.celery``; the beat schedule is in
settings)."""

from celery import shared_task

from . import currency


@shared_task(name="practices.ask_about_currency")
def ask_about_currency():
    """Ask the States about their practices due for a currency check; safe to run twice."""
    return {"asked": len(currency.ask_about_currency())}
