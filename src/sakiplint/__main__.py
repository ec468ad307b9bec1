from sakiplint.cli import main

main()
