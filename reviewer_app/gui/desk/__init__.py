"""The secretariat's desk: the whole round in one window, built on central/."""
