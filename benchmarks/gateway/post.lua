-- wrk script: POST the benchmark chat request with a bearer key (BENCH_BODY, BENCH_KEY from the environment)
local f = io.open(os.getenv("BENCH_BODY") or "request.json", "r")
wrk.body = f:read("*a"):gsub("%s+$", "")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "sk-bench")
-- BENCH_DELAY_MS: each connection waits this long after each answer (wrk paced near a rate, for comparisons)
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if pause then function delay() return pause end end
