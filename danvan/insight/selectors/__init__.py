"""Every read insight makes: one module per part; people's data always through the permission gate."""
