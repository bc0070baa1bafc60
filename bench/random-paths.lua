-- wrk script for bench/scale, bench/targets and bench/memory-soak: each request asks for BENCH_PATH (a string.format
-- pattern) filled with random numbers from 1 to BENCH_MAX (and BENCH_MAX2 for a second %d), so requests spread over the
-- whole content. Each thread of each run draws its own sequence (seeded from /dev/urandom): unseeded, every thread and
-- every run (warm-ups too) replayed the same one, so about a third of a "random" run's requests were pages read before
-- (bench/README, miss).
local pattern = os.getenv("BENCH_PATH")
local max = tonumber(os.getenv("BENCH_MAX") or "1")
local max2 = tonumber(os.getenv("BENCH_MAX2") or "1")

init = function(args)
  local urandom = io.open("/dev/urandom", "rb")
  local a, b, c, d = urandom:read(4):byte(1, 4)
  urandom:close()
  math.randomseed(((a * 256 + b) * 256 + c) * 256 + d)
end

request = function()
  return wrk.format("GET", string.format(pattern, math.random(1, max), math.random(1, max2)))
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
