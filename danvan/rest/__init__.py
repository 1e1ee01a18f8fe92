"""The REST kit every capability's API router uses: who is calling (``auth``: a partner's key or a
signed-in officer), the one error shape and the shared schemas (``schemas``). The API root
(``danvan.api``) mounts each capability's router; the routers live in their apps (``<app>/api.py``)."""
