"""Vietnamese text matched with or without diacritics: folding, similarity of short texts, grouping of
similar comments and finding duplicate statements. Pure: no Django. Built by the answers part."""
