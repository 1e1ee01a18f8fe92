# The app's first migration holds no table: each part adds its own (0002 onwards), so that parts built
# side by side chain after one common root.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []
    operations: list[migrations.operations.base.Operation] = []
