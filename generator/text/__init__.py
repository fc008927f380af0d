"""Text helpers shared by every stage: names, word lists, slugs and stable ids."""
