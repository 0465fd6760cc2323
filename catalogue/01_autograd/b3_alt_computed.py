# exercise: b3_grad_after_four_calls
# kind: alternative
# why: computed with the notebook's own model instead of typed in
model = tiny_network(params)
for _ in range(4):
    torch.nn.functional.mse_loss(model(torch.tensor([[2.0]])).view(-1), torch.tensor([3.0])).backward()
b3_grad_after_four_calls = model.output.bias.grad.item()
