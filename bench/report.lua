-- wrk's done hook: one parseable line per run, read by bench/run.
-- Latencies are in microseconds. wrk counts a response as a status error when its code is 400 or above;
-- bench/run checks beforehand that every page answers 200, so no 3xx is hidden here.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
