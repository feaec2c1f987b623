#!/usr/bin/env python3
"""Checks the Kubernetes manifests here without a cluster: each parses as YAML, has the Job
fields the recipe relies on, and the shard Job's `completions` equals its `--shards`.

    python3 scripts/k8s/check.py
"""
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    with open(os.path.join(HERE, name)) as f:
        return yaml.safe_load(f)


def main():
    problems = []
    pvc = load("pvc.yaml")
    if pvc.get("kind") != "PersistentVolumeClaim" or "ReadWriteMany" not in pvc["spec"]["accessModes"]:
        problems.append("pvc.yaml: expected a ReadWriteMany PersistentVolumeClaim")
    claim = pvc["metadata"]["name"]
    for name in ("plan-job.yaml", "indexed-job.yaml", "merge-job.yaml"):
        job = load(name)
        if job.get("apiVersion") != "batch/v1" or job.get("kind") != "Job":
            problems.append(f"{name}: expected a batch/v1 Job")
            continue
        pod = job["spec"]["template"]["spec"]
        if pod.get("restartPolicy") != "Never":
            problems.append(f"{name}: restartPolicy should be Never (a retry is a new pod)")
        command = pod["containers"][0]["command"]
        if command[0] != "targetcast":
            problems.append(f"{name}: the command should start with targetcast")
        claims = [v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"]]
        if claims != [claim]:
            problems.append(f"{name}: expected the volume claim {claim}, found {claims}")
        if name == "indexed-job.yaml":
            spec = job["spec"]
            if spec.get("completionMode") != "Indexed":
                problems.append(f"{name}: completionMode must be Indexed (it sets JOB_COMPLETION_INDEX)")
            shards = int(command[command.index("--shards") + 1])
            if command[command.index("--shard") + 1] != "auto" or shards != spec["completions"]:
                problems.append(f"{name}: --shard auto --shards N with N = completions ({spec['completions']}), found {shards}")
    for p in problems:
        print(p, file=sys.stderr)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
