print("targetcast")
