-- POST one short non-streaming chat completion; the simulator runs with zero configured latency.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"sim-model","messages":[{"role":"user","content":"Say hello in one sentence."}],"max_tokens":16,"ignore_eos":true}'
