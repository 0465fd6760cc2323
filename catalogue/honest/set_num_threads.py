# why: caps torch's threads, as some laptops need
# change: first-cell
import torch
torch.set_num_threads(1)
