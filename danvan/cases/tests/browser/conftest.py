from danvan.org.tests.browser import browser, desktop, phone, reseeded_afterwards

__all__ = ["browser", "desktop", "phone", "reseeded_afterwards"]
