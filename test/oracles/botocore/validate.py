"""botocore's own parameter validation of RegisterTaskDefinition on each file named: one JSON line per file.

{"file": ..., "ok": bool, "errors": [{"reason": ..., "name": ..., "param": ...}]} where name is botocore's
(".containerDefinitions[0].cpu", "" for the request) and param the unknown or missing member when there is one.
A file json.loads refuses is {"file": ..., "json": "<error>"}.
"""

import json
import sys

import botocore.session
from botocore.validate import ParamValidator

model = botocore.session.get_session().get_service_model("ecs")
shape = model.operation_model("RegisterTaskDefinition").input_shape

for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            params = json.load(f)
    except ValueError as error:  # UnicodeDecodeError and JSONDecodeError
        print(json.dumps({"file": path, "json": str(error)}))
        continue
    report = ParamValidator().validate(params, shape)
    errors = []
    for reason, name, extra in report._errors:
        errors.append({"reason": reason, "name": name, "param": extra.get("unknown_param") or extra.get("required_name")})
    print(json.dumps({"file": path, "ok": not errors, "errors": errors}))
