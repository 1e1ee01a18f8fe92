"""``danvan insight <action>``: one module per action other than ``evaluate`` (``train``, ``versions``,
``use`` …), each with ``help``, ``add_arguments(parser)`` and ``run(options, stdout)``; the command lists
this package to find them."""
