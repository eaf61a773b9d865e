"""Times botocore's ParamValidator on one task definition: json.loads + validate of RegisterTaskDefinition's input,
the work `aws ecs register-task-definition --cli-input-json` does before sending. Prints the milliseconds of each run
and whether it reports the misspelled member the bench's last edit introduces."""

import json
import sys
import time

import botocore.session
from botocore.validate import ParamValidator

shape = botocore.session.get_session().get_service_model("ecs").operation_model("RegisterTaskDefinition").input_shape
text = open(sys.argv[1], encoding="utf-8").read()
runs = int(sys.argv[2])
out = []
for i in range(runs + 5):
    edited = text.replace(":1.7.0", f":1.7.{i % 9 + 1}", 1)
    started = time.perf_counter()
    report = ParamValidator().validate(json.loads(edited), shape)
    report.has_errors()
    elapsed = (time.perf_counter() - started) * 1000
    if i >= 5:
        out.append(elapsed)
# It must really check: the same misspelled member the server is given is an "unknown field".
bad = ParamValidator().validate(json.loads(text.replace('"name": "svc100"', '"nmae": "svc100"', 1)), shape)
caught = any(reason == "unknown field" for reason, _, _ in bad._errors)
print(json.dumps({"timings": out, "caught": caught}))
