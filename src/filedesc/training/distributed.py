"""Training on several processes or GPUs: ``torchrun --nproc_per_node N -m filedesc train ...`` (DDP).

``torchrun`` sets ``RANK``, ``WORLD_SIZE``, ``LOCAL_RANK`` and the rendezvous address; :func:`setup` reads them and
joins the process group (``nccl`` when CUDA is there, else ``gloo`` on the CPU). Without them the run is one
process and nothing here talks to anyone, so ``filedesc train`` alone behaves exactly as before.

The rules the training loop keeps so that every process takes the same decisions:

- each process reads the whole dataset but trains on its own shard (every N-th example, from its rank);
  ``batch_size`` is per process, so a step sees N x ``batch_size`` examples;
- gradients are averaged by DDP, so the weights stay identical; whatever depends on the clock (the learning-rate
  horizon, the time limit) is taken from rank 0 and broadcast;
- validation loss is summed over the shards of every process, so all of them see the same number;
- only rank 0 writes: tokenizer, checkpoints, ``best/``, ``log.jsonl``, the final model and reports.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import torch


@dataclass(frozen=True)
class Dist:
    """Where this process stands: its rank among ``world`` processes and the device it trains on."""

    rank: int = 0
    world: int = 1
    local_rank: int = 0
    device: str = "cpu"

    @property
    def enabled(self) -> bool:
        """Whether several processes train together."""
        return self.world > 1

    @property
    def main(self) -> bool:
        """Whether this process writes files (rank 0)."""
        return self.rank == 0


def setup() -> Dist:
    """Join the process group ``torchrun`` prepared, or describe a lone process (no group) when there is none."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    cuda = torch.cuda.is_available()
    device = f"cuda:{local_rank}" if cuda else "cpu"
    if world <= 1:
        return Dist(device=device)
    import torch.distributed as dist

    if cuda:
        torch.cuda.set_device(local_rank)
    if not dist.is_initialized():
        dist.init_process_group(backend="nccl" if cuda else "gloo")
    return Dist(rank=dist.get_rank(), world=dist.get_world_size(), local_rank=local_rank, device=device)


def teardown(info: Dist) -> None:
    """Leave the process group (after a last barrier, so no process exits while another still needs it)."""
    if info.enabled:
        import torch.distributed as dist

        if dist.is_initialized():
            dist.barrier()
            dist.destroy_process_group()


def barrier(info: Dist) -> None:
    """Wait for every process (no-op alone)."""
    if info.enabled:
        import torch.distributed as dist

        dist.barrier()


def from_rank0(info: Dist, values: list[float]) -> list[float]:
    """Rank 0's ``values`` on every process (clock readings, so that time-based decisions agree)."""
    if not info.enabled:
        return values
    import torch.distributed as dist

    tensor = torch.tensor(values, dtype=torch.float64, device=_comm_device(info))
    dist.broadcast(tensor, src=0)
    return [float(v) for v in tensor.tolist()]


def summed(info: Dist, values: list[float]) -> list[float]:
    """The sum of ``values`` over all processes (validation loss totals and token counts)."""
    if not info.enabled:
        return values
    import torch.distributed as dist

    tensor = torch.tensor(values, dtype=torch.float64, device=_comm_device(info))
    dist.all_reduce(tensor, op=dist.ReduceOp.SUM)
    return [float(v) for v in tensor.tolist()]


def ranks_agree(info: Dist, model: Any) -> bool:
    """Whether every process holds the same weights (a checksum compared across ranks; always true alone)."""
    if not info.enabled:
        return True
    import torch.distributed as dist

    with torch.no_grad():
        checksum = sum(float(p.double().sum()) for p in model.parameters())
    high = torch.tensor([checksum], dtype=torch.float64, device=_comm_device(info))
    low = high.clone()
    dist.all_reduce(high, op=dist.ReduceOp.MAX)
    dist.all_reduce(low, op=dist.ReduceOp.MIN)
    return float(high - low) <= 1e-9 * max(1.0, abs(checksum))


def shard(items: list[Any], info: Dist) -> list[Any]:
    """This process's share of ``items``: every ``world``-th item from its rank."""
    return items[info.rank :: info.world] if info.enabled else items


def wrap(model: Any, info: Dist) -> Any:
    """The model to run forward/backward through: DDP around it when several processes train, else itself."""
    if not info.enabled:
        return model
    from torch.nn.parallel import DistributedDataParallel

    ids = [info.local_rank] if info.device.startswith("cuda") else None
    return DistributedDataParallel(model, device_ids=ids)


def _comm_device(info: Dist) -> str:
    return info.device if info.device.startswith("cuda") else "cpu"
