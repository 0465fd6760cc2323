# why: a plot of its own at the end of the notebook
# change: last-cell
import matplotlib.pyplot as plt
import torch
z = torch.linspace(-6, 6, 100)
plt.plot(z, torch.sigmoid(z))
plt.title("sigmoid")
plt.show()
