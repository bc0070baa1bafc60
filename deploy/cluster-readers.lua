-- wrk script of deploy/cluster-check.sh: readers cycling over the home, article and section pages (all in the output
-- cache after their first request), with bench/report.lua's one-line summary of counts, errors and percentiles.
local paths = {
  "/",
  "/articles/gut-immune-system-connection",
  "/articles/gut-immune-system-connection/introduction",
  "/articles/gut-immune-system-connection/interesting-facts",
  "/articles/gut-immune-system-connection/points-to-remember",
}
local next_path = 0

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
