# why: imports of its own, some unused
# change: first-cell
import collections
import itertools
import math
import numpy as np
