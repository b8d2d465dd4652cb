package main

import "context"

func ctx() context.Context { return context.Background() }
