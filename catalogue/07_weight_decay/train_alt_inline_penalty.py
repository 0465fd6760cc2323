# exercise: train_l2
# kind: alternative
# why: imports optim under its own name, writes the penalty inline, keeps the losses as tensors
from torch import optim


def train_l2(model, loss_fn, train_loader, lr, lam, num_epochs):
    optimizer = optim.SGD(model.parameters(), lr=lr, weight_decay=0.0)
    history = []
    for epoch in range(num_epochs):
        data_losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            data_loss = loss_fn(model(xb), yb)
            penalty = 0.5 * lam * sum(p.pow(2).sum() for p in model.parameters())
            (data_loss + penalty).backward()
            optimizer.step()
            data_losses.append(data_loss.detach())
        history.append(torch.stack(data_losses).mean().item())
    return history
