"""The raad panel: raadsleden answer the raad's questions; the griffier merges their answers
into the raad's assessment."""
