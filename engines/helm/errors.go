package helm

import (
	"regexp"
	"strconv"
	"strings"

	chart "helm.sh/helm/v4/pkg/chart/v2"
)

// A place in Helm's messages: "mychart/templates/_helpers.tpl:12" or ":12:5", as text/template and
// Helm's engine print them ("parse error at (…)", "execution error at (…)", "template: …: executing").
var placeRe = regexp.MustCompile(`([^\s()<>":]+):(\d+)(?::(\d+))?`)

// problemOf keeps Helm's message whole and adds the places it names that are templates of the chart.
func problemOf(err error, l *loadedChart) Problem {
	message := err.Error()
	kind := "render"
	switch {
	case strings.HasPrefix(message, "parse error"):
		kind = "parse"
	case strings.Contains(message, "YAML parse error on"):
		kind = "manifest"
	case strings.Contains(message, "values don't meet the specifications of the schema"):
		kind = "values"
	case strings.HasPrefix(message, "chart dependencies processing failed"):
		kind = "dependencies"
	}
	names := templateNames(l.chart)
	places := []Location{}
	seen := map[string]bool{}
	for _, m := range placeRe.FindAllStringSubmatch(message, -1) {
		name := m[1]
		if !names[name] {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		column, _ := strconv.Atoi(m[3])
		key := m[0]
		if seen[key] {
			continue
		}
		seen[key] = true
		places = append(places, Location{Template: name, File: l.fileOf(name), Line: line, Column: column})
	}
	// "YAML parse error on <template>: … line N": the line is the document's, not the template's.
	if kind == "manifest" {
		if m := regexp.MustCompile(`YAML parse error on ([^\s:]+):`).FindStringSubmatch(message); m != nil && names[m[1]] {
			// The line Helm gives counts in the rendered document, not the template: no line here.
			places = append(places, Location{Template: m[1], File: l.fileOf(m[1])})
		}
	}
	return Problem{Kind: kind, Message: message, Places: places}
}

// templateNames are the names Helm's engine gives the chart's templates: "<full chart path>/<file>".
func templateNames(c *chart.Chart) map[string]bool {
	names := map[string]bool{}
	var walk func(c *chart.Chart)
	walk = func(c *chart.Chart) {
		for _, t := range c.Templates {
			names[c.ChartFullPath()+"/"+t.Name] = true
		}
		for _, d := range c.Dependencies() {
			walk(d)
		}
	}
	walk(c)
	return names
}
