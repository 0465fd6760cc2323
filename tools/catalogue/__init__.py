"""Runs in the instructor's process (the tests, ``make grading-report``): builds student
submissions from the release, the catalogue of mistakes and the attack catalogue, grades them
with real nbgrader in throwaway course folders, and looks for leaked solutions."""
