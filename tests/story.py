"""A small hand-made story for the review-loop tests: two articles, a date and a number conflict."""

from __future__ import annotations

A = (
    "The city council voted on Tuesday to close the Elm Street bridge for repairs.\n"
    "The repairs will cost 4 million dollars, the city engineer said.\n"
    "Engineers will replace 40 steel beams before the bridge reopens in March.\n"
)
B = (
    "The city council voted on Wednesday to close the Elm Street bridge for repairs.\n"
    "The city engineer said the repairs will cost 9 million dollars.\n"
    "Mayor Jane Ortiz said the closure would cost local shops a great deal of business.\n"
)
# About something else entirely: it must not join, or change, any finding of the story.
UNRELATED = (
    "Bakers in Lyon mix flour, water and salt, then let the dough rest overnight.\n"
    "The loaves are baked in wood-fired ovens at dawn.\n"
)
STORY = {"a.txt": A, "b.txt": B}
