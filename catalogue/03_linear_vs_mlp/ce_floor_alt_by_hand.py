# exercise: ce_floor
# kind: alternative
# why: the formula -log(e / (e + 9)) worked out by hand with the math module
import math
ce_floor_on_probabilities = -math.log(math.e / (math.e + 9))
