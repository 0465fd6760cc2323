# exercise: b3_grad_after_four_calls
# kind: alternative
# why: computed with the notebook's own model instead of typed in
model = tiny_network(params)
for _ in range(4):
    torch.nn.functional.mse_loss(model(x_one.view(-1, 1)).view(-1), y_one).backward()
b3_grad_after_four_calls = model.output.bias.grad.item()
