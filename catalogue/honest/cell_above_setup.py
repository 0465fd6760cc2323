# why: a note to self and a print above the set-up cell
# change: first-cell
course_name = "Training neural networks"
print("working on", course_name)
