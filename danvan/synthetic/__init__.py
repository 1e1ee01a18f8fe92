"""Generated data at scale: ``danvan generate`` fills a database with realistic cases, bodies and ratings."""
