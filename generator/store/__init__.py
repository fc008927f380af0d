"""Store: every file factsheet keeps on disk, who owns it, and how it is written."""
