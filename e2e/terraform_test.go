package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/testlens/testlens/e2e/harness"
)

// TestTerraform checks terraform/ without the AWS provider, which cannot be
// installed here (so neither `terraform validate` nor `terraform test` can
// run; `make tf-test` runs the latter where the provider is available). It
// parses every .tf file with hcl/v2 and asserts the deployment's promises:
// web and collector are sized and counted by separate variables, each used by
// its own service only; only web sits behind the load balancer; the collector
// accepts no inbound traffic; the database is private; no secret has a
// default or travels as a plain environment variable; the small and large
// environments size the services differently. It also runs
// `terraform fmt -check` when terraform is on PATH.
//
// Resources belong to a service by name: web's are named `web` or `web_*`,
// the collector's `collector` or `collector_*` (aws_ecs_service.web,
// aws_appautoscaling_target.collector, ...).
func TestTerraform(t *testing.T) {
	t.Parallel()
	cfg := loadTerraform(t)

	t.Run("VariablesDocumentedAndTyped", func(t *testing.T) {
		t.Parallel()
		for _, name := range tfSortedKeys(cfg.variables) {
			attrs := cfg.variables[name].Body.Attributes
			if d, ok := tfLiteral(attrs["description"]); !ok || d.Type() != cty.String || strings.TrimSpace(d.AsString()) == "" {
				t.Errorf("variable %q has no description", name)
			}
			if attrs["type"] == nil {
				t.Errorf("variable %q has no type", name)
			}
		}
	})

	t.Run("NoSecretHasADefault", func(t *testing.T) {
		t.Parallel()
		for _, name := range tfSortedKeys(cfg.variables) {
			if cfg.looksSecret(name) && cfg.variables[name].Body.Attributes["default"] != nil {
				t.Errorf("variable %q looks secret (name or sensitive = true) but has a default", name)
			}
		}
	})

	t.Run("ServiceSizesAndCountsAreSeparate", func(t *testing.T) {
		t.Parallel()
		wiring := []struct{ resource, attr, kind string }{
			{"aws_ecs_task_definition", "cpu", "cpu"},
			{"aws_ecs_task_definition", "memory", "memory"},
			{"aws_ecs_service", "desired_count", "desired_count"},
			{"aws_appautoscaling_target", "min_capacity", "min_count"},
			{"aws_appautoscaling_target", "max_capacity", "max_count"},
		}
		for _, svc := range tfServices {
			for _, w := range wiring {
				v := svc + "_" + w.kind
				if cfg.variables[v] == nil {
					t.Errorf("no variable %q: %s needs its own %s", v, svc, w.kind)
					continue
				}
				users := cfg.usersOf("var." + v)
				if len(users) == 0 {
					t.Errorf("variable %q is not used", v)
				}
				for _, u := range users {
					if u.owner() != svc {
						t.Errorf("variable %q is used by %s, which is not a %s resource", v, u.addr(), svc)
					}
				}
				res := cfg.resources[w.resource+"."+svc]
				if res == nil {
					t.Errorf("no %s.%s", w.resource, svc)
					continue
				}
				if a := res.Body.Attributes[w.attr]; a == nil || !cfg.exprRefs(a.Expr)["var."+v] {
					t.Errorf("%s.%s: %s does not come from var.%s", w.resource, svc, w.attr, v)
				}
			}
		}
	})

	t.Run("OnlyWebBehindTheLoadBalancer", func(t *testing.T) {
		t.Parallel()
		var withLB []string
		for _, svc := range cfg.ofType("aws_ecs_service") {
			if tfHasBlock(svc.Body, "load_balancer") {
				withLB = append(withLB, svc.Labels[1])
			}
		}
		if !slices.Equal(withLB, []string{"web"}) {
			t.Errorf("ECS services with a load_balancer block: %v, want only [web]", withLB)
		}
		for _, typ := range []string{"aws_lb_target_group_attachment", "aws_alb_target_group_attachment"} {
			for _, b := range cfg.ofType(typ) {
				t.Errorf("%s.%s registers targets by hand; only the web service may register (through ECS)", typ, b.Labels[1])
			}
		}
		for _, b := range cfg.blocks {
			if b.owner() != "collector" {
				continue
			}
			for ref := range cfg.expand(b.refs) {
				if strings.HasPrefix(ref, "aws_lb") || strings.HasPrefix(ref, "aws_alb") {
					t.Errorf("%s refers to %s: the collector must not touch the load balancer", b.addr(), ref)
				}
			}
		}
	})

	t.Run("SecurityGroupIngress", func(t *testing.T) {
		t.Parallel()
		webSG := cfg.serviceSecurityGroup(t, "web")
		collectorSG := cfg.serviceSecurityGroup(t, "collector")
		albSGs := map[string]bool{}
		for _, lb := range append(cfg.ofType("aws_lb"), cfg.ofType("aws_alb")...) {
			tfAddAll(albSGs, cfg.securityGroupRefs(lb.Body.Attributes["security_groups"]))
		}
		if len(albSGs) != 1 {
			t.Fatalf("load balancer security groups: %v, want exactly one", tfSortedKeys(albSGs))
		}
		albSG := tfSortedKeys(albSGs)[0]
		if webSG == collectorSG || webSG == albSG || collectorSG == albSG {
			t.Fatalf("web (%s), collector (%s) and load balancer (%s) must each have their own security group", webSG, collectorSG, albSG)
		}
		dbSGs := map[string]bool{}
		for _, db := range cfg.ofType("aws_db_instance") {
			tfAddAll(dbSGs, cfg.securityGroupRefs(db.Body.Attributes["vpc_security_group_ids"]))
		}

		webFromALB := false
		for _, in := range cfg.ingressRules(t) {
			if in.target[collectorSG] {
				t.Errorf("%s opens the collector's security group %s to inbound traffic", in.addr, collectorSG)
			}
			if in.sources[albSG] {
				if !in.target[webSG] || len(in.target) != 1 {
					t.Errorf("%s lets the load balancer reach %v; only web (%s) may be reached", in.addr, tfSortedKeys(in.target), webSG)
				}
			}
			if in.target[webSG] {
				if in.cidr || len(in.sources) != 1 || !in.sources[albSG] {
					t.Errorf("%s lets %v (cidr: %v) reach web; only the load balancer (%s) may", in.addr, tfSortedKeys(in.sources), in.cidr, albSG)
				} else {
					webFromALB = true
				}
			}
			for sg := range in.target {
				if !dbSGs[sg] {
					continue
				}
				for src := range in.sources {
					if src != webSG && src != collectorSG {
						t.Errorf("%s lets %s reach the database; only web and collector may", in.addr, src)
					}
				}
				if in.cidr {
					t.Errorf("%s opens the database to a CIDR block", in.addr)
				}
			}
		}
		if !webFromALB {
			t.Errorf("no ingress rule lets the load balancer (%s) reach web (%s)", albSG, webSG)
		}
	})

	t.Run("DatabaseNotPublic", func(t *testing.T) {
		t.Parallel()
		dbs := cfg.ofType("aws_db_instance")
		if len(dbs) == 0 {
			t.Fatal("no aws_db_instance")
		}
		for _, db := range dbs {
			for attr, want := range map[string]bool{"publicly_accessible": false, "storage_encrypted": true} {
				if v, ok := tfLiteral(db.Body.Attributes[attr]); !ok || !v.RawEquals(cty.BoolVal(want)) {
					t.Errorf("aws_db_instance.%s: %s must be the literal %v", db.Labels[1], attr, want)
				}
			}
		}
	})

	t.Run("SecretsNotInEnvironment", func(t *testing.T) {
		t.Parallel()
		tds := cfg.ofType("aws_ecs_task_definition")
		if len(tds) == 0 {
			t.Fatal("no aws_ecs_task_definition")
		}
		for _, td := range tds {
			attr := td.Body.Attributes["container_definitions"]
			if attr == nil {
				t.Errorf("aws_ecs_task_definition.%s has no container_definitions", td.Labels[1])
				continue
			}
			env, secrets, envRefs := cfg.containerNames(attr.Expr)
			for _, name := range env {
				if tfSecretEnvName.MatchString(name) {
					t.Errorf("aws_ecs_task_definition.%s passes %s in environment; it belongs in secrets", td.Labels[1], name)
				}
			}
			for _, ref := range tfSortedKeys(envRefs) {
				v, isVar := strings.CutPrefix(ref, "var.")
				if (isVar && cfg.variables[v] != nil && cfg.looksSecret(v)) || strings.HasPrefix(ref, "aws_secretsmanager_") || strings.HasPrefix(ref, "aws_ssm_parameter") || strings.HasPrefix(ref, "ephemeral.") {
					t.Errorf("aws_ecs_task_definition.%s puts %s in environment; secrets go through the secrets block", td.Labels[1], ref)
				}
			}
			if !slices.Contains(secrets, "DATABASE_URL") {
				t.Errorf("aws_ecs_task_definition.%s does not take DATABASE_URL from its secrets block (secrets: %v)", td.Labels[1], secrets)
			}
		}
	})

	t.Run("EnvironmentsDiffer", func(t *testing.T) {
		t.Parallel()
		envs := map[string]map[string]cty.Value{}
		for _, env := range []string{"small", "large"} {
			envs[env] = cfg.tfvars(t, env)
		}
		differ := func(keys ...string) {
			t.Helper()
			same := true
			for _, k := range keys {
				for _, env := range []string{"small", "large"} {
					if _, ok := envs[env][k]; !ok {
						t.Errorf("environments/%s.tfvars does not set %s", env, k)
						return
					}
				}
				same = same && envs["small"][k].RawEquals(envs["large"][k])
			}
			if same {
				t.Errorf("small and large set the same %s", strings.Join(keys, ", "))
			}
		}
		for _, svc := range tfServices {
			differ(svc+"_cpu", svc+"_memory")
			differ(svc+"_desired_count", svc+"_min_count", svc+"_max_count")
		}
		differ("db_instance_class")
		for env, vars := range envs {
			web, wok := vars["web_memory"]
			col, cok := vars["collector_memory"]
			if wok && cok && col.Type() == cty.Number && web.Type() == cty.Number && col.LessThanOrEqualTo(web).True() {
				t.Errorf("environments/%s.tfvars: collector_memory (%s) must exceed web_memory (%s)", env, col.AsBigFloat().Text('f', -1), web.AsBigFloat().Text('f', -1))
			}
		}
	})

	t.Run("TerraformTestsParse", func(t *testing.T) {
		t.Parallel()
		files, _ := filepath.Glob(filepath.Join(cfg.dir, "tests", "*.tftest.hcl"))
		if len(files) == 0 {
			t.Fatal("no terraform/tests/*.tftest.hcl")
		}
		for _, f := range files {
			body := tfParse(t, f)
			mocked, runs := false, 0
			for _, b := range body.Blocks {
				mocked = mocked || (b.Type == "mock_provider" && len(b.Labels) == 1 && b.Labels[0] == "aws")
				if b.Type == "run" {
					runs++
				}
			}
			if !mocked || runs == 0 {
				t.Errorf("%s: want a mock_provider \"aws\" block and run blocks (mock: %v, runs: %d)", f, mocked, runs)
			}
		}
	})

	t.Run("Formatted", func(t *testing.T) {
		t.Parallel()
		bin, err := exec.LookPath("terraform")
		if err != nil {
			t.Log("terraform is not on PATH: formatting not checked (make tf-check checks it)")
			return
		}
		cmd := exec.Command(bin, "fmt", "-check", "-recursive", "-diff", cfg.dir)
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("terraform fmt -check -recursive terraform: %v (run terraform fmt -recursive terraform)\n%s", err, out)
		}
	})
}

// tfServices are the two deployables; their resources and variables are named
// after them.
var tfServices = []string{"web", "collector"}

var (
	tfSecretName    = regexp.MustCompile(`(?i)password|secret|token|key`)
	tfSecretEnvName = regexp.MustCompile(`(?i)DATABASE_URL|PASSWORD|SECRET|TOKEN|KEY`)
	tfEnvName       = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)
)

// tfConfig is the parsed root module in terraform/.
type tfConfig struct {
	dir       string
	blocks    []*tfBlock
	variables map[string]*hclsyntax.Block
	resources map[string]*hclsyntax.Block // "type.name"
	locals    map[string]*hclsyntax.Attribute
	localRefs map[string]map[string]bool
}

// tfBlock is one top-level block and what its body refers to ("var.x",
// "local.y", "aws_security_group.web", "data.aws_x.y").
type tfBlock struct {
	*hclsyntax.Block
	refs map[string]bool
}

func (b *tfBlock) addr() string { return strings.Join(append([]string{b.Type}, b.Labels...), ".") }

// owner is the service a block belongs to by name, or "".
func (b *tfBlock) owner() string {
	name := b.Labels[len(b.Labels)-1]
	for _, svc := range tfServices {
		if name == svc || strings.HasPrefix(name, svc+"_") {
			return svc
		}
	}
	return ""
}

func loadTerraform(t *testing.T) *tfConfig {
	t.Helper()
	root, err := harness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	cfg := &tfConfig{
		dir:       filepath.Join(root, "terraform"),
		variables: map[string]*hclsyntax.Block{},
		resources: map[string]*hclsyntax.Block{},
		locals:    map[string]*hclsyntax.Attribute{},
		localRefs: map[string]map[string]bool{},
	}
	var files []string
	err = filepath.WalkDir(cfg.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".terraform" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".tf") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no .tf files under terraform/")
	}
	for _, f := range files {
		for _, b := range tfParse(t, f).Blocks {
			switch b.Type {
			case "locals":
				for name, a := range b.Body.Attributes {
					cfg.locals[name] = a
					cfg.localRefs[name] = cfg.exprRefs(a.Expr)
				}
				continue
			case "variable":
				cfg.variables[b.Labels[0]] = b
			case "resource":
				cfg.resources[b.Labels[0]+"."+b.Labels[1]] = b
			}
			if len(b.Labels) == 0 {
				continue // terraform { } blocks
			}
			refs := map[string]bool{}
			cfg.bodyRefs(b.Body, refs)
			cfg.blocks = append(cfg.blocks, &tfBlock{Block: b, refs: refs})
		}
	}
	return cfg
}

func tfParse(t *testing.T, path string) *hclsyntax.Body {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	file, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s does not parse: %s", path, diags)
	}
	return file.Body.(*hclsyntax.Body)
}

// tfRefKey names what a traversal refers to ("var.x", "local.y",
// "aws_security_group.web", "data.aws_x.y"), or "" for each/count/self/path.
func tfRefKey(tr hcl.Traversal) string {
	var parts []string
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
		if len(parts) == 3 {
			break
		}
		if _, attr := step.(hcl.TraverseAttr); !attr && len(parts) > 1 {
			break
		}
	}
	if len(parts) < 2 {
		return ""
	}
	switch parts[0] {
	case "each", "count", "self", "path", "terraform":
		return ""
	case "data", "ephemeral":
		if len(parts) < 3 {
			return ""
		}
		return strings.Join(parts[:3], ".")
	}
	return strings.Join(parts[:2], ".")
}

func (c *tfConfig) exprRefs(e hcl.Expression) map[string]bool {
	refs := map[string]bool{}
	for _, tr := range e.Variables() {
		if k := tfRefKey(tr); k != "" {
			refs[k] = true
		}
	}
	return c.expand(refs)
}

func (c *tfConfig) bodyRefs(body *hclsyntax.Body, into map[string]bool) {
	for _, a := range body.Attributes {
		for _, tr := range a.Expr.Variables() {
			if k := tfRefKey(tr); k != "" {
				into[k] = true
			}
		}
	}
	for _, b := range body.Blocks {
		c.bodyRefs(b.Body, into)
	}
}

// expand adds, for every local.x in refs, what local.x refers to, transitively.
func (c *tfConfig) expand(refs map[string]bool) map[string]bool {
	out := map[string]bool{}
	var add func(string)
	add = func(ref string) {
		if out[ref] {
			return
		}
		out[ref] = true
		if name, ok := strings.CutPrefix(ref, "local."); ok && c.locals[name] != nil {
			for _, tr := range c.locals[name].Expr.Variables() {
				if k := tfRefKey(tr); k != "" {
					add(k)
				}
			}
		}
	}
	for ref := range refs {
		add(ref)
	}
	return out
}

// usersOf lists the blocks other than ref's own declaration that refer to
// ref, directly or through locals.
func (c *tfConfig) usersOf(ref string) []*tfBlock {
	var users []*tfBlock
	for _, b := range c.blocks {
		if b.Type == "variable" && "var."+b.Labels[0] == ref {
			continue
		}
		if c.expand(b.refs)[ref] {
			users = append(users, b)
		}
	}
	return users
}

func (c *tfConfig) ofType(typ string) []*hclsyntax.Block {
	var out []*hclsyntax.Block
	for _, key := range tfSortedKeys(c.resources) {
		if b := c.resources[key]; b.Labels[0] == typ {
			out = append(out, b)
		}
	}
	return out
}

func (c *tfConfig) looksSecret(name string) bool {
	if tfSecretName.MatchString(name) {
		return true
	}
	v, ok := tfLiteral(c.variables[name].Body.Attributes["sensitive"])
	return ok && v.RawEquals(cty.True)
}

// securityGroupRefs are the aws_security_group resources an attribute names.
func (c *tfConfig) securityGroupRefs(a *hclsyntax.Attribute) map[string]bool {
	out := map[string]bool{}
	if a == nil {
		return out
	}
	for ref := range c.exprRefs(a.Expr) {
		if strings.HasPrefix(ref, "aws_security_group.") {
			out[ref] = true
		}
	}
	return out
}

// serviceSecurityGroup is the one security group the ECS service runs in;
// the service must not get a public IP.
func (c *tfConfig) serviceSecurityGroup(t *testing.T, svc string) string {
	t.Helper()
	b := c.resources["aws_ecs_service."+svc]
	if b == nil {
		t.Fatalf("no aws_ecs_service.%s", svc)
	}
	for _, nc := range b.Body.Blocks {
		if nc.Type != "network_configuration" {
			continue
		}
		if v, ok := tfLiteral(nc.Body.Attributes["assign_public_ip"]); !ok || !v.RawEquals(cty.False) {
			t.Errorf("aws_ecs_service.%s: assign_public_ip must be the literal false", svc)
		}
		sgs := c.securityGroupRefs(nc.Body.Attributes["security_groups"])
		if len(sgs) != 1 {
			t.Fatalf("aws_ecs_service.%s runs in security groups %v, want exactly one", svc, tfSortedKeys(sgs))
		}
		return tfSortedKeys(sgs)[0]
	}
	t.Fatalf("aws_ecs_service.%s has no network_configuration", svc)
	return ""
}

// tfIngressRule is one way into a security group.
type tfIngressRule struct {
	addr    string
	target  map[string]bool // security groups opened
	sources map[string]bool // security groups let in
	cidr    bool            // address ranges let in
}

// tfIngressRules gathers inline ingress blocks, aws_security_group_rule of type
// ingress and aws_vpc_security_group_ingress_rule. A rule whose target group
// cannot be told from the configuration fails the test.
func (c *tfConfig) ingressRules(t *testing.T) []tfIngressRule {
	t.Helper()
	var rules []tfIngressRule
	for _, key := range tfSortedKeys(c.resources) {
		b := c.resources[key]
		attrs := b.Body.Attributes
		switch b.Labels[0] {
		case "aws_security_group":
			for _, in := range b.Body.Blocks {
				if in.Type == "ingress" || (in.Type == "dynamic" && in.Labels[0] == "ingress") {
					body := in.Body
					for _, content := range in.Body.Blocks {
						if content.Type == "content" {
							body = content.Body
						}
					}
					rules = append(rules, tfIngressRule{
						addr:    key + " (inline ingress)",
						target:  map[string]bool{key: true},
						sources: c.securityGroupRefs(body.Attributes["security_groups"]),
						cidr:    body.Attributes["cidr_blocks"] != nil || body.Attributes["ipv6_cidr_blocks"] != nil || body.Attributes["prefix_list_ids"] != nil,
					})
				}
			}
		case "aws_security_group_rule":
			if v, ok := tfLiteral(attrs["type"]); ok && v.RawEquals(cty.StringVal("egress")) {
				continue
			}
			rules = append(rules, tfIngressRule{
				addr:    key,
				target:  c.securityGroupRefs(attrs["security_group_id"]),
				sources: c.securityGroupRefs(attrs["source_security_group_id"]),
				cidr:    attrs["cidr_blocks"] != nil || attrs["ipv6_cidr_blocks"] != nil || attrs["prefix_list_ids"] != nil,
			})
		case "aws_vpc_security_group_ingress_rule":
			rules = append(rules, tfIngressRule{
				addr:    key,
				target:  c.securityGroupRefs(attrs["security_group_id"]),
				sources: c.securityGroupRefs(attrs["referenced_security_group_id"]),
				cidr:    attrs["cidr_ipv4"] != nil || attrs["cidr_ipv6"] != nil || attrs["prefix_list_id"] != nil,
			})
		}
	}
	for _, r := range rules {
		if len(r.target) == 0 {
			t.Errorf("%s: cannot tell which security group it opens; refer to aws_security_group.<name>.id directly", r.addr)
		}
	}
	return rules
}

// containerNames returns the variable names a container_definitions
// expression puts in "environment" and in "secrets", following locals, and
// what the environment values refer to.
func (c *tfConfig) containerNames(e hclsyntax.Expression) (env, secrets []string, envRefs map[string]bool) {
	envRefs = map[string]bool{}
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		obj, ok := n.(*hclsyntax.ObjectConsExpr)
		if !ok {
			return nil
		}
		for _, item := range obj.Items {
			switch tfKeyString(item.KeyExpr) {
			case "environment":
				env = append(env, c.namesIn(item.ValueExpr)...)
				tfAddAll(envRefs, c.exprRefs(item.ValueExpr))
			case "secrets":
				secrets = append(secrets, c.namesIn(item.ValueExpr)...)
			}
		}
		return nil
	})
	return env, secrets, envRefs
}

// namesIn collects environment variable names written in an expression and
// in the locals it uses: `name = "X"` items and upper-case object keys.
func (c *tfConfig) namesIn(e hclsyntax.Expression) []string {
	var names []string
	visit := func(e hclsyntax.Expression) {
		hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
			obj, ok := n.(*hclsyntax.ObjectConsExpr)
			if !ok {
				return nil
			}
			for _, item := range obj.Items {
				key := tfKeyString(item.KeyExpr)
				if key == "name" {
					if v, d := item.ValueExpr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
						names = append(names, v.AsString())
					}
				} else if tfEnvName.MatchString(key) {
					names = append(names, key)
				}
			}
			return nil
		})
	}
	visit(e)
	for ref := range c.exprRefs(e) {
		if name, ok := strings.CutPrefix(ref, "local."); ok && c.locals[name] != nil {
			visit(c.locals[name].Expr)
		}
	}
	return names
}

// tfvars reads environments/<env>.tfvars: every key must be a declared
// variable, every required variable must be set except secret values, and
// those (sensitive or ephemeral variables) must not be.
func (c *tfConfig) tfvars(t *testing.T, env string) map[string]cty.Value {
	t.Helper()
	path := filepath.Join(c.dir, "environments", env+".tfvars")
	vars := map[string]cty.Value{}
	for name, a := range tfParse(t, path).Attributes {
		if c.variables[name] == nil {
			t.Errorf("%s sets %s, which is not a variable", path, name)
			continue
		}
		if c.looksSecretValue(name) {
			t.Errorf("%s sets the secret %s; pass it as TF_VAR_%s instead", path, name, name)
		}
		v, ok := tfLiteral(a)
		if !ok {
			t.Errorf("%s: %s is not a literal value", path, name)
			continue
		}
		vars[name] = v
	}
	for _, name := range tfSortedKeys(c.variables) {
		attrs := c.variables[name].Body.Attributes
		if _, set := vars[name]; !set && attrs["default"] == nil && !c.looksSecretValue(name) {
			t.Errorf("%s does not set the required variable %s", path, name)
		}
	}
	return vars
}

// looksSecretValue reports whether a variable holds a secret value itself
// (sensitive or ephemeral) rather than, say, ARNs of secrets.
func (c *tfConfig) looksSecretValue(name string) bool {
	for _, attr := range []string{"sensitive", "ephemeral"} {
		if v, ok := tfLiteral(c.variables[name].Body.Attributes[attr]); ok && v.RawEquals(cty.True) {
			return true
		}
	}
	return false
}

func tfHasBlock(body *hclsyntax.Body, typ string) bool {
	for _, b := range body.Blocks {
		if b.Type == typ || (b.Type == "dynamic" && len(b.Labels) == 1 && b.Labels[0] == typ) {
			return true
		}
	}
	return false
}

// literal evaluates an attribute that needs no variables.
func tfLiteral(a *hclsyntax.Attribute) (cty.Value, bool) {
	if a == nil {
		return cty.NilVal, false
	}
	v, d := a.Expr.Value(nil)
	if d.HasErrors() || !v.IsWhollyKnown() {
		return cty.NilVal, false
	}
	return v, true
}

func tfKeyString(e hclsyntax.Expression) string {
	if kw := hcl.ExprAsKeyword(e); kw != "" {
		return kw
	}
	if v, d := e.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
		return v.AsString()
	}
	return ""
}

func tfAddAll(dst, src map[string]bool) {
	for k := range src {
		dst[k] = true
	}
}

func tfSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
