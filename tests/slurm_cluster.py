"""A single-node SLURM cluster on this machine, for the HPC test and benchmark.

Debian's ``slurm-wlm`` and ``munge``, no systemd: the daemons are started by hand as root,
with ``/etc/slurm/slurm.conf`` generated from ``hostname -s``, ``nproc`` and ``free -m``, and
stopped by the PIDs in their pid files (never by name, so nothing else is touched). An existing
``/etc/slurm/slurm.conf`` is kept aside and put back on stop.

Use as a context manager, or from the shell: ``python tests/slurm_cluster.py start|stop BASE``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

SLURM_CONF = Path("/etc/slurm/slurm.conf")
MARKER = "# written by alereview tests/slurm_cluster.py"

# Without slurmdbd there is no accounting: Snakemake's executor must poll with squeue, and a
# finished job must stay visible to squeue long enough (MinJobAge >= 120 s).
CONF_TEMPLATE = """{marker}
ClusterName=alereview
SlurmctldHost={host}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation={base}/spool/ctld
SlurmdSpoolDir={base}/spool/d
SlurmctldPidFile={base}/run/slurmctld.pid
SlurmdPidFile={base}/run/slurmd.pid
SlurmctldLogFile={base}/log/slurmctld.log
SlurmdLogFile={base}/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1000
MinJobAge=300
ReturnToService=2
MpiDefault=none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
Waittime=0
NodeName={host} CPUs={cpus} Boards=1 SocketsPerBoard=1 CoresPerSocket={cpus} ThreadsPerCore=1 RealMemory={memory} State=UNKNOWN
PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP
"""


def slurm_available() -> str | None:
    """Why a local cluster cannot run here, or None when it can."""
    if os.geteuid() != 0:
        return "needs root"
    for tool in ("slurmctld", "slurmd", "munged", "sbatch", "sinfo"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return f"{tool} not installed (apt-get install slurm-wlm munge)"
    return None


def _machine():
    host = socket.gethostname().split(".")[0]
    cpus = os.cpu_count() or 1
    free = subprocess.run(["free", "-m"], capture_output=True, text=True, check=True).stdout
    total_mb = int(free.splitlines()[1].split()[1])
    return host, cpus, int(total_mb * 0.85)


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LocalSlurmCluster:
    """Start and stop munged, slurmctld and slurmd with state under ``base``.

    Parameters
    ----------
    base : Path
        Directory for spool, pid and log files.
    """

    def __init__(self, base):
        self.base = Path(base).resolve()
        self.pid_files = {
            "slurmd": self.base / "run" / "slurmd.pid",
            "slurmctld": self.base / "run" / "slurmctld.pid",
            # munged runs as user munge, which cannot enter a root-only base (pytest's tmp).
            "munged": Path("/run/munge") / f"munged-alereview-{os.getpid()}.pid",
        }
        self._saved_conf = self.base / "slurm.conf.saved"

    # -- start -------------------------------------------------------------------------
    def start(self, timeout: float = 90.0) -> None:
        """Write slurm.conf, start the daemons and wait until the node is idle."""
        for sub in ("spool/ctld", "spool/d", "run", "log", "munge"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
        self._write_conf()
        self._start_munge()
        subprocess.run(["/usr/sbin/slurmctld"], check=True)
        subprocess.run(["/usr/sbin/slurmd"], check=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = subprocess.run(["sinfo", "-h", "-o", "%T"], capture_output=True, text=True)
            if state.returncode == 0 and "idle" in state.stdout:
                return
            time.sleep(0.5)
        raise RuntimeError(f"SLURM node not idle after {timeout:.0f} s; logs in {self.base / 'log'}")

    def _write_conf(self) -> None:
        host, cpus, memory = _machine()
        SLURM_CONF.parent.mkdir(parents=True, exist_ok=True)
        if SLURM_CONF.exists() and MARKER not in SLURM_CONF.read_text():
            shutil.copy2(SLURM_CONF, self._saved_conf)
        text = CONF_TEMPLATE.format(marker=MARKER, host=host, cpus=cpus, memory=memory, base=self.base)
        SLURM_CONF.write_text(text)

    def _start_munge(self) -> None:
        key = Path("/etc/munge/munge.key")
        if not key.exists():
            subprocess.run(["/usr/sbin/mungekey", "--create", "--keyfile", str(key)], check=True)
            shutil.chown(key, "munge", "munge")
            key.chmod(0o400)
        run_dir = Path("/run/munge")
        run_dir.mkdir(parents=True, exist_ok=True)
        shutil.chown(run_dir, "munge", "munge")
        subprocess.run(
            ["runuser", "-u", "munge", "--", "/usr/sbin/munged", "--pid-file", str(self.pid_files["munged"])],
            check=True,
        )

    # -- stop --------------------------------------------------------------------------
    def stop(self, timeout: float = 30.0) -> None:
        """Stop the daemons by their PIDs and put back a slurm.conf that was there before."""
        for name in ("slurmd", "slurmctld", "munged"):
            pid = _read_pid(self.pid_files[name])
            if pid is None or not _alive(pid):
                continue
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if self._saved_conf.exists():
            shutil.move(self._saved_conf, SLURM_CONF)
        elif SLURM_CONF.exists() and MARKER in SLURM_CONF.read_text():
            SLURM_CONF.unlink()

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in {"start", "stop"}:
        sys.exit("usage: python tests/slurm_cluster.py start|stop BASE")
    cluster = LocalSlurmCluster(sys.argv[2])
    cluster.start() if sys.argv[1] == "start" else cluster.stop()
