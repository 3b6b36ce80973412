/** The exported script's batch of tasks, split by task for data-parallel training. */
export const PYTHON_TASK_BATCH = `
class TaskBatch:
    """Support and query tensors of a batch of tasks, the task first in every tensor."""

    def __init__(self, support_x, support_y, query_x, query_y):
        self.support_x, self.support_y = support_x, support_y
        self.query_x, self.query_y = query_x, query_y

    @property
    def count(self):
        return self.support_x.shape[0]

    def part(self, first, last):
        """Tasks first .. last - 1."""
        return type(self)(*(t[first:last] for t in self.tensors()))

    def tensors(self):
        return self.support_x, self.support_y, self.query_x, self.query_y

    def to(self, device):
        return type(self)(*(t.to(device) for t in self.tensors()))
`;
