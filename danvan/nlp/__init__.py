"""Vietnamese-language tools over what people write (docs/insight.md). Pure: no Django, no database.

The models are learned from each deployment's own handled cases; nothing is downloaded at run time.
Modules: ``storage`` (a fitted model to and from bytes without pickle). The ``insight`` app trains,
stores, serves and evaluates them.
"""
