-- wrk script for bench/scale: each request asks for BENCH_PATH (a string.format pattern) filled with random
-- numbers from 1 to BENCH_MAX (and BENCH_MAX2 for a second %d), so requests spread over the whole content.
local pattern = os.getenv("BENCH_PATH")
local max = tonumber(os.getenv("BENCH_MAX") or "1")
local max2 = tonumber(os.getenv("BENCH_MAX2") or "1")

request = function()
  return wrk.format("GET", string.format(pattern, math.random(1, max), math.random(1, max2)))
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
