"""Facts about an Airflow DAG file, read with Python's own parser (ast): no Airflow needed.

Usage: python3 analiza_dag.py FILE  ->  one JSON object on stdout (always exit 0 when FILE could
be read; the grader's rules in TypeScript judge the facts). Standard library only, Python 3.8+.

What it reports, every item with its line (1-based) and column (1-based):
  syntaxError   {line, col, msg, text} when the file does not parse (nothing else then)
  imports       from/import statements, with the names they bind
  dags          @dag decorators, DAG(...) calls and `with DAG(...)`, with their arguments
  tasks         functions decorated with @task (or @task.xxx), with the decorator's arguments
  calls         every call, its qualified name (import aliases resolved) and whether it runs
                when the file is imported (module level, the body of a @dag function, a
                decorator, a default value) or only when a task runs
  variables     Variable.get(...) calls: key, default (constants resolved), import time or not
  templates     Jinja references in strings: {{ var.value.x }}, {{ ds }}…
  names         uses of context names (ds, ds_nodash, logical_date, data_interval_end, next_ds…)
  userAgents    values given to a User-Agent header or to a USER_AGENT-like name, and whether
                that header is sent (reaches a call: headers=…, Request(…), add_header…)
  writes        calls that write a file (open in a write mode, write_text, urlretrieve…)
  renames       os.replace / os.rename / shutil.move / Path.replace calls, with their destination
  temps         tempfile calls (mkstemp, NamedTemporaryFile…) and the folder they use
  clockPaths    wall-clock calls (datetime.now(), pendulum.now()…) that reach a file path
  dagCalls      module-level calls of functions decorated with @dag (the DAG exists only then)
Expressions are described as {t: str|num|bool|none|call|dict|list|name|attr|fstr|other, ...}.
"""

import ast
import json
import re
import sys

CONTEXT_NAMES = {
    "ds",
    "ds_nodash",
    "logical_date",
    "data_interval_start",
    "data_interval_end",
    "next_ds",
    "next_ds_nodash",
    "prev_ds",
    "prev_ds_nodash",
    "execution_date",
    "next_execution_date",
    "prev_execution_date",
    "ts",
    "ts_nodash",
}
UA_NAME = re.compile(r"(^|_)(user_?agent|ua)$", re.IGNORECASE)
UA_KEY = re.compile(r"^user[-_ ]?agent$", re.IGNORECASE)
TEMPLATE = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
VAR_VALUE = re.compile(r"var\.value\.(?:get\(\s*['\"]([\w.-]+)['\"]\s*(?:,\s*['\"]([^'\"]*)['\"])?|([A-Za-z_]\w*))")
WORD = re.compile(r"[A-Za-z_]\w*")
LOGICAL_NAMES = {"ds", "ds_nodash", "logical_date"}
# The wall clock: a path made from it changes between a run and its retry.
CLOCK = re.compile(
    r"^(datetime\.(datetime|date)\.(now|today|utcnow)|pendulum\.(now|today|yesterday|tomorrow)"
    r"|pendulum\.DateTime\.(now|today|utcnow)|time\.(time|time_ns|localtime|gmtime|strftime|ctime)"
    r"|(.+\.)?timezone\.utcnow|arrow\.(now|utcnow))$"
)
OPEN = {"open", "builtins.open", "io.open", "codecs.open"}
RENAME = {"os.replace", "os.rename", "os.renames", "shutil.move"}
TEMP = {"tempfile.mkstemp", "tempfile.NamedTemporaryFile", "tempfile.mkdtemp", "tempfile.TemporaryDirectory"}
TEMP_DIR_ARG = {"tempfile.mkstemp": 2, "tempfile.NamedTemporaryFile": 6, "tempfile.mkdtemp": 2, "tempfile.TemporaryDirectory": 2}


def pos(node):
    return {"line": getattr(node, "lineno", None), "col": (getattr(node, "col_offset", -1) or 0) + 1}


class Analysis:
    def __init__(self, source):
        self.source = source
        self.tree = ast.parse(source)
        self.aliases = {}  # local name -> qualified name
        self.constants = {}  # module-level NAME = expr (assigned once)
        self.assign_counts = {}
        self.functions = {}  # name -> FunctionDef (module level and nested)
        self.loads = None  # name -> its Load nodes, built when first needed
        self.out = {
            "imports": [],
            "dags": [],
            "tasks": [],
            "calls": [],
            "variables": [],
            "templates": [],
            "names": [],
            "userAgents": [],
            "dagCalls": [],
            "writes": [],
            "renames": [],
            "temps": [],
            "clockPaths": [],
        }
        self.parents = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}

    # ------------------------------------------------------------------ names and expressions
    def dotted(self, node):
        """`a.b.c` with import aliases resolved; calls in the chain as `f()`; None otherwise."""
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call):
            base = self.dotted(node.func)
            return f"{base}()" if base else None
        return None

    def segment(self, node):
        try:
            text = ast.get_source_segment(self.source, node) or ""
        except Exception:  # noqa: BLE001 - positions missing on synthetic nodes
            text = ""
        return text if len(text) <= 300 else text[:297] + "..."

    def describe(self, node, depth=0, seen=()):
        d = dict(pos(node))
        if depth > 6:
            d.update(t="other", src=self.segment(node))
            return d
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool):
                d.update(t="bool", v=v)
            elif v is None:
                d.update(t="none")
            elif isinstance(v, (int, float)):
                d.update(t="num", v=v)
            elif isinstance(v, str):
                d.update(t="str", v=v)
            else:
                d.update(t="other", src=self.segment(node))
        elif isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    parts.append(str(value.value))
                else:
                    inner = value.value if isinstance(value, ast.FormattedValue) else value
                    resolved = self.describe(inner, depth + 1, seen)
                    parts.append(resolved["v"] if resolved.get("t") == "str" else "{" + self.segment(inner) + "}")
            d.update(t="fstr", v="".join(parts))
        elif isinstance(node, ast.Call):
            d.update(
                t="call",
                f=self.dotted(node.func),
                args=[self.describe(a, depth + 1, seen) for a in node.args],
                kw={k.arg: self.describe(k.value, depth + 1, seen) for k in node.keywords if k.arg},
                src=self.segment(node),
            )
        elif isinstance(node, ast.Dict):
            items = {}
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    items[k.value] = self.describe(v, depth + 1, seen)
            d.update(t="dict", items=items)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            d.update(t="list", items=[self.describe(e, depth + 1, seen) for e in node.elts])
        elif isinstance(node, ast.Name):
            d.update(t="name", id=node.id, q=self.aliases.get(node.id))
            if node.id in self.constants and self.assign_counts.get(node.id) == 1 and node.id not in seen:
                d["resolved"] = self.describe(self.constants[node.id], depth + 1, seen + (node.id,))
        elif isinstance(node, ast.Attribute):
            d.update(t="attr", q=self.dotted(node), src=self.segment(node))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.describe(node.left, depth + 1, seen), self.describe(node.right, depth + 1, seen)
            lv, rv = self.text_of(left), self.text_of(right)
            if lv is not None and rv is not None:
                d.update(t="str", v=lv + rv)
            else:
                d.update(t="other", src=self.segment(node))
        else:
            d.update(t="other", src=self.segment(node))
        return d

    @staticmethod
    def text_of(desc):
        while desc.get("t") == "name" and "resolved" in desc:
            desc = desc["resolved"]
        return desc.get("v") if desc.get("t") in ("str", "fstr") else None

    # ------------------------------------------------------------------ passes
    def collect_module(self):
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    local = a.asname or a.name.split(".")[0]
                    self.aliases[local] = a.name if a.asname else a.name.split(".")[0]
                    self.out["imports"].append({**pos(node), "module": a.name, "names": [], "as": a.asname})
            elif isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
                for a in node.names:
                    self.aliases[a.asname or a.name] = f"{module}.{a.name}"
                self.out["imports"].append({**pos(node), "module": module, "names": [a.name for a in node.names]})
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, node)
        for stmt in self.tree.body:
            targets = []
            if isinstance(stmt, ast.Assign):
                targets = [t for t in stmt.targets if isinstance(t, ast.Name)]
                value = stmt.value
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                targets, value = [stmt.target], stmt.value
            for t in targets:
                self.assign_counts[t.id] = self.assign_counts.get(t.id, 0) + 1
                self.constants[t.id] = value

    def decorator_kind(self, dec):
        """('dag'|'task'|None, call node or None) for a decorator."""
        target = dec.func if isinstance(dec, ast.Call) else dec
        name = self.dotted(target) or ""
        last = name.split(".")
        if last[-1] == "dag" or name.endswith(".dag"):
            return "dag", dec if isinstance(dec, ast.Call) else None
        if "task" in last[-2:] or last[-1] == "task":
            return "task", dec if isinstance(dec, ast.Call) else None
        return None, None

    def is_dag_class(self, func):
        name = self.dotted(func) or ""
        return name == "DAG" or name.endswith(".DAG")

    def call_info(self, call, where):
        kw = {k.arg: self.describe(k.value) for k in call.keywords if k.arg}
        return {**pos(call), "where": where, "args": [self.describe(a) for a in call.args], "kw": kw}

    def analyse(self):
        self.collect_module()
        dag_functions = set()
        task_functions = set()
        for name, fn in self.functions.items():
            for dec in fn.decorator_list:
                kind, call = self.decorator_kind(dec)
                if kind == "dag":
                    dag_functions.add(name)
                    info = self.call_info(call, "decorator") if call else {**pos(dec), "where": "decorator", "args": [], "kw": {}}
                    info.update(function=name, line=fn.lineno, decoratorLine=dec.lineno)
                    self.out["dags"].append(info)
                elif kind == "task":
                    task_functions.add(name)
                    info = self.call_info(call, "decorator") if call else {"args": [], "kw": {}}
                    params = [a.arg for a in fn.args.args + fn.args.kwonlyargs]
                    self.out["tasks"].append({**pos(fn), "name": name, "decorator": self.dotted(dec.func if isinstance(dec, ast.Call) else dec), "kw": info["kw"], "params": params})
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and self.is_dag_class(node.func):
                where = "with" if any(isinstance(w, ast.With) and any(i.context_expr is node for i in w.items) for w in ast.walk(self.tree)) else "call"
                self.out["dags"].append({**self.call_info(node, where), "function": None})
        # Which code runs at import time: the module, @dag bodies, and (transitively) the local
        # functions those call by name. Task bodies and other functions run later.
        import_time = set(dag_functions)
        changed = True
        while changed:
            changed = False
            for scope in [None, *sorted(import_time)]:
                for callee in self.called_names(scope):
                    if callee in self.functions and callee not in import_time and callee not in task_functions:
                        import_time.add(callee)
                        changed = True
        self.import_time_functions = import_time
        self.task_functions = task_functions
        # What a task runs: its body and the local functions it calls (PythonOperator callables too).
        roots = set(task_functions) | {
            k.value.id for n in ast.walk(self.tree) if isinstance(n, ast.Call) for k in n.keywords
            if k.arg == "python_callable" and isinstance(k.value, ast.Name) and k.value.id in self.functions
        }
        run_time = set(roots)
        changed = True
        while changed:
            changed = False
            for scope in sorted(run_time):
                for callee in self.called_names(scope):
                    if callee in self.functions and callee not in run_time:
                        run_time.add(callee)
                        changed = True
        self.run_time_functions = run_time if roots else None
        self.walk(self.tree, function=None, at_import=True)
        for stmt in self.tree.body:
            expr = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
            if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in dag_functions:
                self.out["dagCalls"].append({**pos(expr), "function": expr.func.id})
        self.clock_paths()
        return self.out

    # ------------------------------------------------------------------ paths from the wall clock
    def scope_of(self, node):
        cur = self.parents.get(node)
        while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            cur = self.parents.get(cur)
        return cur

    def clock_in(self, expr, scope, tainted):
        """The wall-clock call `expr` depends on (directly or through a name given one), else None."""
        stack = [expr]
        while stack:
            node = stack.pop()
            # `ds or date.today()`, `ds if ds else …`: the fallback never runs under Airflow.
            if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and self.mentions_logical(node.values[0]):
                continue
            if isinstance(node, ast.IfExp) and self.mentions_logical(node.test):
                continue
            if isinstance(node, ast.Call) and CLOCK.match(self.dotted(node.func) or ""):
                return node
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                origin = tainted.get(scope, {}).get(node.id) or tainted.get(None, {}).get(node.id)
                if origin is not None:
                    return origin
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            stack.extend(ast.iter_child_nodes(node))
        return None

    def mentions_logical(self, node):
        return any(isinstance(n, ast.Name) and n.id in LOGICAL_NAMES for n in ast.walk(node)) or any(
            isinstance(n, ast.Constant) and n.value in LOGICAL_NAMES for n in ast.walk(node)
        )

    def path_args(self, call, sink_params):
        """The arguments of `call` that become (part of) a file path."""
        q = self.dotted(call.func) or ""
        attr = call.func.attr if isinstance(call.func, ast.Attribute) else None
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        out = []
        if q in OPEN or re.match(r"^(gzip|bz2|lzma)\.open$", q) or q in ("os.makedirs", "os.mkdir", "os.open"):
            out.append(self.arg(call, 0, "file"))
        elif q == "os.path.join" or re.search(r"(^|\.)(Path|PurePath|PosixPath)$", q):
            out.extend(call.args)
        elif q in RENAME:
            out += [self.arg(call, 0, "src"), self.arg(call, 1, "dst")]
        elif q.endswith("urlretrieve") or q in ("shutil.copy", "shutil.copy2", "shutil.copyfile"):
            out.append(self.arg(call, 1, "filename"))
        elif q in TEMP:
            out.append(self.arg(call, TEMP_DIR_ARG[q], "dir"))
        elif attr in ("write_text", "write_bytes", "open", "mkdir", "touch") and receiver is not None:
            out.append(receiver)
        elif attr in ("replace", "rename") and receiver is not None and len(call.args) == 1:
            out += [receiver, call.args[0]]
        elif isinstance(call.func, ast.Name) and call.func.id in sink_params:
            fn = self.functions[call.func.id]
            names = [a.arg for a in fn.args.args]
            for i, a in enumerate(call.args):
                if i < len(names) and names[i] in sink_params[call.func.id]:
                    out.append(a)
            out += [k.value for k in call.keywords if k.arg in sink_params[call.func.id]]
        return [a for a in out if a is not None]

    def clock_paths(self):
        assigns = [n for n in ast.walk(self.tree) if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and n.value is not None]
        assign_scopes = [(a, self.scope_of(a)) for a in assigns]
        tainted = {}  # scope -> {name: the clock call it came from}
        for _ in range(8):
            changed = False
            for a, scope in assign_scopes:
                origin = self.clock_in(a.value, scope, tainted)
                if origin is None:
                    continue
                targets = a.targets if isinstance(a, ast.Assign) else [a.target]
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name) and n.id not in tainted.setdefault(scope, {}):
                            tainted[scope][n.id] = origin
                            changed = True
            if not changed:
                break
        # Parameters of local functions that end up in a path (guardar(ruta, …)): callers' arguments count too.
        sink_params = {}
        calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call)]
        # Grouped by the function they are in, once: a big file stays linear.
        calls_in, assigns_in = {}, {}
        for c in calls:
            calls_in.setdefault(self.scope_of(c), []).append(c)
        for a in assigns:
            assigns_in.setdefault(self.scope_of(a), []).append(a)
        for _ in range(4):
            changed = False
            for name, fn in self.functions.items():
                params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
                used = set()
                for c in calls_in.get(fn, []):
                    for expr in self.path_args(c, sink_params):
                        used |= {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}
                for a in assigns_in.get(fn, []):
                    if any(isinstance(t, ast.Name) and t.id in used for t in (a.targets if isinstance(a, ast.Assign) else [a.target])):
                        used |= {n.id for n in ast.walk(a.value) if isinstance(n, ast.Name)}
                found = params & used
                if found - sink_params.get(name, set()):
                    sink_params[name] = sink_params.get(name, set()) | found
                    changed = True
            if not changed:
                break
        seen = set()
        for scope, scoped in calls_in.items():
            for c in scoped:
                for expr in self.path_args(c, sink_params):
                    origin = self.clock_in(expr, scope, tainted)
                    if origin is not None and id(origin) not in seen:
                        seen.add(id(origin))
                        fn = scope.name if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
                        self.out["clockPaths"].append({**pos(origin), "src": self.segment(origin), "path": self.segment(expr), "function": fn})

    def called_names(self, scope):
        body = self.tree.body if scope is None else self.functions[scope].body
        names = []
        for stmt in body:
            for node in self.walk_same_scope(stmt):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    names.append(node.func.id)
        return names

    def walk_same_scope(self, node):
        """Nodes evaluated in this scope: not inside nested function or lambda bodies."""
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for sub in [*node.decorator_list, *node.args.defaults, *[d for d in node.args.kw_defaults if d]]:
                yield from self.walk_same_scope(sub)
            return
        if isinstance(node, ast.Lambda):
            return
        for child in ast.iter_child_nodes(node):
            yield from self.walk_same_scope(child)

    # ------------------------------------------------------------------ the main walk
    def walk(self, node, function, at_import):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for sub in [*node.decorator_list, *node.args.defaults, *[d for d in node.args.kw_defaults if d]]:
                self.walk(sub, function, at_import)
            for a in node.args.args + node.args.kwonlyargs:
                if a.arg in CONTEXT_NAMES:
                    self.out["names"].append({**pos(a), "name": a.arg, "function": node.name, "atImport": False, "how": "param"})
            inner = node.name in self.import_time_functions
            for stmt in node.body:
                self.walk(stmt, node.name, inner)
            return
        if isinstance(node, ast.Lambda):
            self.walk(node.body, function, False)
            return
        here = {"function": function, "atImport": at_import}
        if isinstance(node, ast.Call):
            q = self.dotted(node.func)
            attr = node.func.attr if isinstance(node.func, ast.Attribute) else (node.func.id if isinstance(node.func, ast.Name) else None)
            self.out["calls"].append({**pos(node), "q": q, "attr": attr, "src": self.segment(node), **here})
            if attr == "get" and q and (q == "Variable.get" or q.endswith(".Variable.get")):
                key = self.describe(node.args[0]) if node.args else (self.describe(kw.value) for kw in node.keywords if kw.arg == "key")
                key = key if isinstance(key, dict) else next(key, None)
                default = None
                for kw in node.keywords:
                    if kw.arg in ("default", "default_var"):
                        default = self.describe(kw.value)
                if default is None and len(node.args) > 1:
                    default = self.describe(node.args[1])
                self.out["variables"].append({**pos(node), "key": self.text_of(key) if key else None, "default": default, **here})
            if not at_import:
                self.file_call(node, q, attr, here)
            if attr in ("add_header", "putheader") and len(node.args) >= 2 and self.is_ua_key(node.args[0]):
                self.user_agent(node.args[1], "header", here, sent=True)
        elif isinstance(node, ast.Name) and node.id in CONTEXT_NAMES:
            self.out["names"].append({**pos(node), "name": node.id, **here, "how": "name"})
        elif isinstance(node, ast.Attribute) and node.attr in CONTEXT_NAMES:
            self.out["names"].append({**pos(node), "name": node.attr, **here, "how": "attr"})
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.scan_string(node, node.value, here)
        elif isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if self.is_ua_key(k):
                    self.user_agent(v, "header", here, sent=self.reaches_call(node))
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and self.is_ua_key(node.elts[0]):
            self.user_agent(node.elts[1], "header", here, sent=self.reaches_call(node))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name) and UA_NAME.search(t.id) and node.value is not None:
                    self.user_agent(node.value, "name", here)
                elif isinstance(t, ast.Subscript):
                    key = t.slice.value if isinstance(t.slice, ast.Constant) else None
                    if isinstance(key, str) and UA_KEY.match(key) and node.value is not None:
                        self.user_agent(node.value, "header", here, sent=self.target_reaches(t.value))
        elif isinstance(node, ast.keyword) and node.arg and UA_NAME.search(node.arg):
            self.user_agent(node.value, "keyword", here, sent=isinstance(self.parents.get(node), ast.Call))
        for child in ast.iter_child_nodes(node):
            self.walk(child, function, at_import)

    def scan_string(self, node, text, here):
        if isinstance(text, str) and text in CONTEXT_NAMES:
            self.out["names"].append({**pos(node), "name": text, **here, "how": "key"})
        for m in TEMPLATE.finditer(text):
            body = m.group(1)
            for v in VAR_VALUE.finditer(body):
                key = v.group(1) or v.group(3)
                self.out["templates"].append({**pos(node), "kind": "var", "key": key, "default": v.group(2), "hasDefault": v.group(1) is not None and v.group(2) is not None, "text": m.group(0), **here})
            for w in WORD.findall(body):
                if w in CONTEXT_NAMES:
                    self.out["names"].append({**pos(node), "name": w, **here, "how": "template"})

    def user_agent(self, value, how, here, sent=False):
        desc = self.describe(value)
        self.out["userAgents"].append({**pos(value), "how": how, "value": self.text_of(desc), "src": self.segment(value), "sent": sent, **here})

    @staticmethod
    def is_ua_key(node):
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and UA_KEY.match(node.value) is not None

    # ------------------------------------------------------------------ is a header sent?
    def reaches_call(self, node, depth=0):
        """Whether the value of `node` ends up in a call's arguments (headers=…, Request(…))."""
        cur = node
        while True:
            parent = self.parents.get(cur)
            if isinstance(parent, ast.Call):
                callee = self.dotted(parent.func) or ""
                # Printing or logging the headers does not send them.
                if cur is parent.func or re.match(r"^(print|str|repr|len|json\.dumps|(.+\.)?(debug|info|warning|error|exception|log))$", callee):
                    return False
                # A Request object sends nothing until it is opened: follow it (urlopen(peticion)).
                if re.search(r"(^|\.)Request$", callee) and depth < 4:
                    return self.reaches_call(parent, depth + 1)
                return True
            if isinstance(parent, (ast.keyword, ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Starred)):
                cur = parent
                continue
            if isinstance(parent, (ast.Assign, ast.AnnAssign)) and cur is parent.value:
                targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
                return any(self.target_reaches(t, depth) for t in targets)
            return False

    def target_reaches(self, target, depth=0):
        """Whether what is stored in `target` is sent: an attribute (session.headers = …) or a name used in a call."""
        if isinstance(target, ast.Attribute):
            return True
        if isinstance(target, ast.Subscript):
            return self.target_reaches(target.value, depth)
        if isinstance(target, ast.Name) and depth < 4:
            if self.loads is None:
                self.loads = {}
                for n in ast.walk(self.tree):
                    if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
                        self.loads.setdefault(n.id, []).append(n)
            return any(self.reaches_call(n, depth + 1) for n in self.loads.get(target.id, []))
        return False

    # ------------------------------------------------------------------ writing files
    @staticmethod
    def arg(call, index, name):
        for k in call.keywords:
            if k.arg == name:
                return k.value
        return call.args[index] if index is not None and len(call.args) > index else None

    def in_tmp(self, node):
        """A path in the system's temporary folder, which may be another file system than the destination."""
        if node is None:
            return False
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and (self.dotted(sub.func) or "") in ("tempfile.gettempdir", "tempfile.gettempdirb"):
                return True
        text = self.text_of(self.describe(node))
        return isinstance(text, str) and re.match(r"^/(tmp|var/tmp|dev/shm)(/|$)", text) is not None

    def mode_of(self, node, default):
        if node is None:
            return default
        return self.text_of(self.describe(node))

    def file_call(self, node, q, attr, here):
        here = {**here, "inTask": self.run_time_functions is None or here["function"] in self.run_time_functions}
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        q = q or ""
        write = None  # (how, target node, mode)
        if q in OPEN or re.match(r"^(gzip|bz2|lzma)\.open$", q):
            write = ("open", self.arg(node, 0, "file"), self.mode_of(self.arg(node, 1, "mode"), "r"))
        elif q == "os.fdopen":
            write = ("fdopen", self.arg(node, 0, "fd"), self.mode_of(self.arg(node, 1, "mode"), "r"))
        elif q == "os.open":
            flags = self.segment(self.arg(node, 1, "flags")) if self.arg(node, 1, "flags") is not None else ""
            if re.search(r"O_(WRONLY|RDWR|CREAT|APPEND|TRUNC)", flags):
                write = ("open", self.arg(node, 0, "path"), "a" if "O_APPEND" in flags else "w")
        elif attr == "open" and receiver is not None:
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and re.match(r"^[rwaxbt+U]{1,4}$", first.value):
                write = ("open", receiver, first.value)  # Path(…).open("wb")
            elif "mode" in [k.arg for k in node.keywords] and not node.args:
                write = ("open", receiver, self.mode_of(self.arg(node, None, "mode"), "r"))
            elif node.args:
                write = ("open", node.args[0], self.mode_of(self.arg(node, 1, "mode"), "r"))  # fs.open(path, "wb")
        elif attr in ("write_text", "write_bytes") and receiver is not None:
            write = (attr, receiver, "w")
        elif q.endswith("urlretrieve") and len(node.args) + len(node.keywords) >= 2:
            write = ("urlretrieve", self.arg(node, 1, "filename"), "w")
        elif q in ("shutil.copy", "shutil.copy2", "shutil.copyfile"):
            write = ("copy", self.arg(node, 1, "dst"), "w")
        if write and write[1] is not None and (write[2] is None or re.search(r"[wax+]", write[2])):
            how, target, mode = write
            self.out["writes"].append({**pos(node), "how": how, "mode": mode, "target": self.segment(target), "tmp": self.in_tmp(target), "src": self.segment(node), **here})
        rename = None  # (origin, destination)
        if q in RENAME:
            rename = (self.arg(node, 0, "src"), self.arg(node, 1, "dst"))
        elif attr in ("replace", "rename") and receiver is not None and len(node.args) == 1 and not node.keywords:
            rename = (receiver, node.args[0])  # Path.replace(target); str.replace needs two arguments
        if rename and rename[1] is not None:
            origin, dest = rename
            self.out["renames"].append({**pos(node), "dest": self.segment(dest), "originTmp": self.in_tmp(origin), "src": self.segment(node), **here})
        if q in TEMP:
            folder = self.arg(node, TEMP_DIR_ARG[q], "dir")
            self.out["temps"].append({**pos(node), "q": q, "dir": self.segment(folder) if folder is not None else None, "dirTmp": self.in_tmp(folder), "src": self.segment(node), **here})


def main(argv):
    if len(argv) != 2:
        print("uso: analiza_dag.py ARCHIVO", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        raw = f.read()
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        print(json.dumps({"decodeError": str(e)}))
        return 0
    try:
        analysis = Analysis(source)
    except SyntaxError as e:
        print(json.dumps({"syntaxError": {"line": e.lineno, "col": e.offset, "msg": e.msg, "text": (e.text or "").rstrip("\n")}}))
        return 0
    except (ValueError, RecursionError) as e:  # null bytes, absurd nesting
        print(json.dumps({"syntaxError": {"line": None, "col": None, "msg": str(e), "text": ""}}))
        return 0
    out = analysis.analyse()
    out["python"] = ".".join(map(str, sys.version_info[:3]))
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
