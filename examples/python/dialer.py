#!/usr/bin/env python3
"""A dialer loop against `tollgate serve`, with Python's standard library only.

For each call on its list it asks the server to reserve the call (decide and record it, so that every
dialer sharing the server shares the caps), prints the decision and the rules behind it, "places" the
allowed calls and records how each ended.

    ./tollgate serve &                                     # in another terminal
    python3 examples/python/dialer.py                      # http://127.0.0.1:8181, calls at the current time
    python3 examples/python/dialer.py --url https://tollgate.internal:8181 --token-file tokens.txt \\
        --at 2025-09-02T10:30:00+08:00

Exit status: 0 when every call was decided and every outcome recorded, 1 otherwise.
"""
import argparse
import datetime
import json
import sys
import urllib.error
import urllib.request

# The campaign: two customers who consented to marketing calls, one who refused them, each called twice.
CUSTOMERS = [("cust-py-001", "GRANTED"), ("cust-py-002", "GRANTED"), ("cust-py-003", "REFUSED")]
# How the placed calls end, in turn.
OUTCOMES = ["NO_ANSWER", "CONVERSATION", "VOICEMAIL"]


def call_request(call_id, subject, consent, at):
    return {
        "type": "call",
        "id": call_id,
        "at": at,
        "jurisdiction": "CN",
        "purpose": "MARKETING",
        "product": "consumer-loan",
        "voice": "HUMAN",
        "caller": {"organization": "Example Consumer Finance Co.", "licensed": True,
                   "numberType": "FIXED", "realNameRegistered": True},
        "callee": {"subject": subject, "relationship": "CUSTOMER", "dataSource": "FIRST_PARTY",
                   "consent": {"marketingCalls": consent}},
    }


def post(base, path, body, token):
    """POSTs JSON; returns (status, parsed body). A 4xx answer is returned, not raised: its body says why."""
    request = urllib.request.Request(base + path, data=json.dumps(body).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8181", help="the server (default: %(default)s)")
    parser.add_argument("--token-file", help="a file whose first line is a bearer token")
    parser.add_argument("--at", help="when the calls are placed, ISO-8601 with offset (default: now)")
    parser.add_argument("--run", default="run-" + datetime.datetime.now().strftime("%Y%m%d%H%M%S"),
                        help="prefix of the call ids, so that reruns are new calls (default: a timestamp)")
    args = parser.parse_args()
    token = None
    if args.token_file:
        with open(args.token_file, encoding="utf-8") as f:
            token = f.readline().strip()
    at = args.at or datetime.datetime.now(datetime.timezone.utc).astimezone().isoformat(timespec="seconds")

    failures = 0
    placed = 0
    for attempt in range(2):
        for subject, consent in CUSTOMERS:
            call_id = f"{args.run}-{subject}-{attempt + 1}"
            status, decision = post(args.url, "/v1/reservations", call_request(call_id, subject, consent, at), token)
            if "decision" not in decision:
                print(f"{call_id}: HTTP {status}: {decision['error']['message']}")
                failures += 1
                continue
            rules = [f["rule"] for f in decision["findings"]]
            print(f"{call_id}: {decision['decision']} {' '.join(rules) if rules else '(no rule objects)'}")
            for f in decision["findings"]:
                print(f"    {f['rule']} ({f['effect']}): {f['message']['en']}")
            if decision.get("nextAllowedAt"):
                print(f"    next allowed at {decision['nextAllowedAt']}")
            if decision["decision"] != "ALLOW":
                continue
            # ... the dialer places the call here, then records how it ended:
            outcome = OUTCOMES[placed % len(OUTCOMES)]
            placed += 1
            status, recorded = post(args.url, f"/v1/calls/{call_id}/outcome", {"outcome": outcome}, token)
            if status == 200:
                print(f"    placed; outcome {outcome} recorded")
            else:
                print(f"    placed; recording the outcome failed: HTTP {status}: {recorded['error']['message']}")
                failures += 1
    print(f"{placed} calls placed, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
