-- POST /v1/tco/scenarios with the corrected case study (3 options, 36 months, 16 sensitivity re-runs).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"name":"case","workload":{"tokensPerMonth":100000000,"requestsPerMonth":1000000,"inputShare":0.3333333333333333,"secondsPerRequest":0.5},"options":[{"name":"4x A100","type":"onprem","hardware":"a100-40gb","model":"llama-3-70b","overrides":{"gpusPerReplica":4,"electricityPerKwh":0,"otherOpexPerReplicaMonth":500},"throughputTokensPerSecond":1496,"throughputSource":"vLLM #12315"},{"name":"cheap","type":"api","price":{"inputPerMillion":0.25,"outputPerMillion":0.25}},{"type":"api","model":"gpt-4"}]}]]
