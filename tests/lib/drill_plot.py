#!/usr/bin/python3
"""Time series and plot of a failover drill, from the datagrams a
tests/lib/flows.py receiver recorded (its --out JSON). flows.py report gives
the totals (lost, duplicates, reordering, longest loss window); this adds
what happened *when*: datagrams delivered per bin (default 10 ms) by arrival
time, when delivery stopped and resumed around the fault, and a PNG with the
events of the drill marked.

    drill_plot.py FLOW_JSON [--event NAME=EPOCH ...] [--after EPOCH]
                  [--bin S] [--png FILE] [--title TEXT]

Prints shell assignments (eval them):
  drill_first / drill_last     arrival of the first / last datagram (epoch)
  drill_stop / drill_resume    the longest silence at the receiver that starts
                               at or after --after (default: anywhere): the
                               last arrival before it and the first after it
  drill_silence_s              drill_resume - drill_stop
  drill_lost_span_s            send-time span of all datagrams lost after --after:
                               from the last one delivered before the first
                               hole to the first delivered after the last hole
                               (the loss window when only some flows lose, as
                               with IP balancing; 0 without loss)
  drill_lost_back              arrival of that first datagram after the last hole
  drill_hole_s / drill_hole_back   the longest hole in the sequence after --after
                               (send-time span) and the arrival of the datagram
                               that ends it: when traffic came back
  drill_rate                   median datagrams per bin over the run
  drill_bins_empty             empty bins between first and last arrival
The PNG (matplotlib, Agg) shows delivered datagrams per bin against seconds
since the first arrival, one dashed vertical line per --event, labelled.
"""
import argparse
import json
import statistics
import sys


def series(arrivals, t0, width):
    """Counts of arrivals per bin of WIDTH seconds from t0."""
    n = int((arrivals[-1] - t0) / width) + 1 if arrivals else 0
    counts = [0] * n
    for t in arrivals:
        counts[int((t - t0) / width)] += 1
    return counts


def longest_silence(arrivals, after):
    """(stop, resume) of the longest gap between consecutive arrivals whose
    start is at or after `after`; (None, None) with fewer than 2 arrivals."""
    best, stop, resume = -1.0, None, None
    for p, q in zip(arrivals, arrivals[1:]):
        if after is not None and q < after:
            continue
        if q - p > best:
            best, stop, resume = q - p, p, q
    return stop, resume


def lost_span(recs, after):
    """(send-time span around every hole in the global sequence after `after`,
    arrival of the datagram that ends the last hole)."""
    sent, arrived = {}, {}
    for rec in recs:
        sent.setdefault(rec[3], rec[4])
        arrived.setdefault(rec[3], rec[5])
    order = sorted(sent)
    first = last = None
    for p, q in zip(order, order[1:]):
        if q - p > 1 and (after is None or sent[q] >= after):
            first = sent[p] if first is None else first
            last = q
    if first is None:
        return 0.0, None
    return sent[last] - first, arrived[last]


def longest_hole(recs, after):
    """(send-time span, arrival of its end) of the longest hole in the
    global sequence whose end was sent after `after`; (0, None) without one."""
    sent, arrived = {}, {}
    for rec in recs:
        sent.setdefault(rec[3], rec[4])
        arrived.setdefault(rec[3], rec[5])
    order = sorted(sent)
    best, back = 0.0, None
    for p, q in zip(order, order[1:]):
        if q - p > 1 and (after is None or sent[q] >= after) and sent[q] - sent[p] > best:
            best, back = sent[q] - sent[p], arrived[q]
    return best, back


def plot(path, counts, width, events, t0, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3), dpi=80)
    xs = [i * width for i in range(len(counts))]
    ax.step(xs, counts, where="post", linewidth=0.8, color="tab:blue")
    # scheduling bursts on a busy 2-CPU lab spike single bins: scale to the
    # steady rate so the dips stay visible (spikes are clipped)
    # (a starved receiver reads in bursts: then the mean is the steady rate)
    steady = max(statistics.median(counts), statistics.mean(counts)) if counts else 1
    top = max(3 * steady, 1)
    colors = ["tab:red", "tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:gray"]
    for i, (name, t) in enumerate(events):
        x = t - t0
        ax.axvline(x, linestyle="--", linewidth=1, color=colors[i % len(colors)])
        # stagger labels so close events stay readable
        ax.text(x, top * (1.15 - 0.1 * (i % 6)), f" {name}", fontsize=7,
                color=colors[i % len(colors)], va="top")
    ax.set_ylim(0, top * 1.2)
    ax.set_xlabel("seconds since the first datagram arrived")
    ax.set_ylabel(f"delivered per {width * 1000:.0f} ms")
    ax.set_title(title, fontsize=9)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("flow_json")
    ap.add_argument("--event", action="append", default=[], metavar="NAME=EPOCH")
    ap.add_argument("--after", type=float)
    ap.add_argument("--bin", type=float, default=0.01)
    ap.add_argument("--png")
    ap.add_argument("--title", default="delivered datagrams")
    a = ap.parse_args()

    events = []
    for e in a.event:
        name, _, t = e.rpartition("=")
        try:
            events.append((name, float(t)))
        except ValueError:
            raise SystemExit(f"drill_plot: bad --event {e!r} (NAME=EPOCH)")
    recs = json.load(open(a.flow_json))["records"]
    # arrival times of first deliveries only: a duplicate is not progress
    seen, arrivals = set(), []
    for rec in sorted(recs, key=lambda r: r[5]):
        if rec[3] not in seen:
            seen.add(rec[3])
            arrivals.append(rec[5])
    if not arrivals:
        print("drill_plot: no datagram was delivered", file=sys.stderr)
        return 1
    t0 = arrivals[0]
    counts = series(arrivals, t0, a.bin)
    stop, resume = longest_silence(arrivals, a.after)
    span, back = lost_span(recs, a.after)
    hole, hole_back = longest_hole(recs, a.after)
    out = {
        "first": f"{arrivals[0]:.3f}", "last": f"{arrivals[-1]:.3f}",
        "stop": f"{stop:.3f}" if stop else "", "resume": f"{resume:.3f}" if resume else "",
        "silence_s": f"{resume - stop:.3f}" if stop else "0",
        "lost_span_s": f"{span:.3f}", "lost_back": f"{back:.3f}" if back else "",
        "hole_s": f"{hole:.3f}", "hole_back": f"{hole_back:.3f}" if hole_back else "",
        "rate": statistics.median(counts), "bins_empty": counts.count(0),
    }
    for k, v in out.items():
        print(f"drill_{k}={v}")
    if a.png:
        plot(a.png, counts, a.bin, events, t0, a.title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
