# exercise: fit
# kind: alternative
# why: torch.inference_mode() for validation, tensor accumulation, floats at the end
def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    train_losses, val_losses = [], []
    for epoch in range(num_epochs):
        model.train()
        batch_losses = []
        for inputs, targets in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(inputs), targets)
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.detach())
        train_losses.append(torch.stack(batch_losses).mean().item())
        model.eval()
        with torch.inference_mode():
            val_losses.append(torch.stack([loss_fn(model(inputs), targets) for inputs, targets in val_loader]).mean().item())
        model.train()
    return {"train_loss": train_losses, "val_loss": val_losses}
