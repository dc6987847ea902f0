-- POSTs one small non-streaming chat completion per request.
-- WRK_DELAY_MS: pause before each request on a connection (paces the load; not counted in wrk's latency).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"bench-model","max_tokens":16,"messages":[{"role":"user","content":"Say hello to the benchmark"}]}'
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
function delay()
  return pause
end
