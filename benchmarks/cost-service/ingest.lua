-- POST /v1/usage with batches of 100 new records (unique ids per thread and request): the ledger's write path.
local counter = 0
local prefix
function setup(thread)
  thread:set("tid", tostring(math.random(1, 1e9)))
end
function init(args)
  prefix = tid
end
local tenants = {"acme", "beta", "gamma", "delta"}
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, 100 do
    parts[i] = string.format(
      '{"id":"%s-%d-%d","time":"2026-11-%02dT%02d:%02d:00Z","tenant":"%s","route":"chat","variant":"llama-3-70b",' ..
      '"upstreamModel":"meta-llama/Meta-Llama-3-70B-Instruct","status":200,"latencyMs":850,"ttftMs":120,' ..
      '"promptTokens":%d,"completionTokens":%d,"stickyBucket":-1}',
      prefix, counter, i, 1 + (counter % 26), i % 24, i % 60, tenants[1 + i % 4], 300 + i, 100 + i)
  end
  local body = '{"source":"wrk","records":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/v1/usage", {["Content-Type"] = "application/json"}, body)
end
