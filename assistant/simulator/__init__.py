"""A local Realtime-compatible WebSocket server: the offline demo backend and the test peer.

It speaks the OpenAI/Azure Realtime protocol in both dialects (GA on ``/v1/realtime`` and
``/openai/v1/realtime``; beta on Azure's ``/openai/realtime``), with a deterministic
"model", a synthetic voice, energy VAD, usage accounting, and injectable faults. It is
independent of the client code (``assistant.realtime``/``transport``/``cli``) on purpose.

    async with Simulator(SimulatorOptions(pace=0)) as sim:
        ... connect to sim.url ...
        sim.inject(Fault.drop_after(5))
"""

from .options import Fault, FaultKind, SimulatorOptions
from .server import Simulator, run_simulator
from .session import ServerSession

__all__ = ["Fault", "FaultKind", "ServerSession", "Simulator", "SimulatorOptions", "run_simulator"]
