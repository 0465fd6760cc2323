# why: saved after running cells out of order, with stale outputs and an old error in a test cell
# change: stale-outputs
