# why: a tqdm progress bar in a cell of its own
# change: first-cell
from tqdm.auto import tqdm
total = 0
for i in tqdm(range(1000)):
    total += i
