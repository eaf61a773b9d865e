package main

import "os/exec"

func runGo(args ...string) ([]byte, error) { return exec.Command("go", args...).Output() }
