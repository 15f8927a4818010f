"""The expert's window: unlock, the materials beside the rubric, scoring, the signed sheet."""
